// Groups, their members, mandates, meetings, decisions and dialogue; and the governance-health overview.
import { api } from "../api/client";
import type {
    Decision,
    EscalationOutcome,
    GovernanceHealth,
    Group,
    GroupDetail,
    ItemList,
    Meeting,
    MeetingDetail,
    NewDecision,
    NewDialogueEntry,
    NewGroup,
    NewMeeting,
    NewMember,
    NewRule,
} from "../api/types";

const seg = encodeURIComponent;

export async function listGroups(): Promise<Group[]> {
    const list = await api.get<ItemList<Group>>("/groups");
    return list.items;
}

export function fetchGroup(id: string): Promise<GroupDetail> {
    return api.get<GroupDetail>(`/groups/${seg(id)}`);
}

export function createGroup(group: NewGroup): Promise<GroupDetail> {
    return api.post<GroupDetail>("/groups", group);
}

export function addMember(groupId: string, member: NewMember): Promise<GroupDetail> {
    return api.post<GroupDetail>(`/groups/${seg(groupId)}/members`, member);
}

export function removeMember(groupId: string, memberId: string): Promise<GroupDetail> {
    return api.delete<GroupDetail>(`/groups/${seg(groupId)}/members/${seg(memberId)}`);
}

/** A new rule for a matter type takes over from the one before it on its valid_from date. */
export function addRule(groupId: string, rule: NewRule): Promise<GroupDetail> {
    return api.post<GroupDetail>(`/groups/${seg(groupId)}/rules`, rule);
}

export function addDialogue(groupId: string, entry: NewDialogueEntry): Promise<GroupDetail> {
    return api.post<GroupDetail>(`/groups/${seg(groupId)}/dialogue`, entry);
}

export function addMeeting(groupId: string, meeting: NewMeeting): Promise<Meeting> {
    return api.post<Meeting>(`/groups/${seg(groupId)}/meetings`, meeting);
}

export function fetchMeeting(id: string): Promise<MeetingDetail> {
    return api.get<MeetingDetail>(`/meetings/${seg(id)}`);
}

/** Records a decision; the server evaluates it against the mandate and escalates it when outside. */
export function recordDecision(meetingId: string, decision: NewDecision): Promise<Decision> {
    return api.post<Decision>(`/meetings/${seg(meetingId)}/decisions`, decision);
}

export function fetchDecision(id: string): Promise<Decision> {
    return api.get<Decision>(`/decisions/${seg(id)}`);
}

/** 409 with the reason when outside the mandate, or when the consultation blocks and no override reason is given. */
export function finaliseDecision(id: string, overrideReason?: string): Promise<Decision> {
    return api.post<Decision>(
        `/decisions/${seg(id)}/finalise`,
        overrideReason ? { override_reason: overrideReason } : undefined,
    );
}

export function openConsultation(decisionId: string, bodyId: string, openedOn: string): Promise<Decision> {
    return api.post<Decision>(`/decisions/${seg(decisionId)}/consultations`, { body_id: bodyId, opened_on: openedOn });
}

export function concludeConsultation(consultationId: string, concludedOn: string, outcome: string): Promise<Decision> {
    return api.post<Decision>(`/consultations/${seg(consultationId)}/conclude`, {
        concluded_on: concludedOn,
        outcome,
    });
}

export function recordEscalationOutcome(
    escalationId: string,
    outcome: EscalationOutcome,
    note: string,
    decidedOn: string,
): Promise<Decision> {
    return api.post<Decision>(`/escalations/${seg(escalationId)}/outcome`, { outcome, note, decided_on: decidedOn });
}

export function fetchGovernanceHealth(): Promise<GovernanceHealth> {
    return api.get<GovernanceHealth>("/governance/health");
}

/** A secret subscription URL to the group's meetings, for Outlook and other calendar programs. */
export async function createCalendarFeed(groupId: string): Promise<string> {
    const created = await api.post<{ path: string }>(`/groups/${seg(groupId)}/calendar-feeds`);
    return new URL(created.path, window.location.origin).toString();
}
