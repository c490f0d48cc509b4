// Turns the flat organisation list into one tree per party (city, police, external).
import type { Organisation } from "../api/types";

export interface OrganisationNode {
    organisation: Organisation;
    children: OrganisationNode[];
}

export interface PartyGroup {
    party: string;
    roots: OrganisationNode[];
    count: number;
}

/** The parties in the order they are shown; unknown parties follow, alphabetically. */
const partyOrder = ["city", "police", "external"];

/** Kinds in the order of a hierarchy's levels, so that siblings read top-down. */
const kindOrder = [
    "police_region",
    "city_executive_office",
    "local_police_area",
    "district_committee",
    "specialist_committee",
    "municipal_company",
    "external_actor",
];

function compareNodes(a: OrganisationNode, b: OrganisationNode): number {
    const rank = (kind: string) => {
        const i = kindOrder.indexOf(kind);
        return i < 0 ? kindOrder.length : i;
    };
    return (
        rank(a.organisation.kind) - rank(b.organisation.kind) ||
        a.organisation.name.localeCompare(b.organisation.name, "sv")
    );
}

function sortTree(nodes: OrganisationNode[]): OrganisationNode[] {
    nodes.sort(compareNodes);
    for (const node of nodes) sortTree(node.children);
    return nodes;
}

export function groupByParty(organisations: readonly Organisation[]): PartyGroup[] {
    const nodes = new Map<string, OrganisationNode>();
    for (const organisation of organisations) nodes.set(organisation.id, { organisation, children: [] });

    const groups = new Map<string, PartyGroup>();
    for (const node of nodes.values()) {
        const party = node.organisation.party;
        let group = groups.get(party);
        if (!group) {
            group = { party, roots: [], count: 0 };
            groups.set(party, group);
        }
        group.count++;
        const parentId = node.organisation.parent_id;
        const parent = parentId ? nodes.get(parentId) : undefined;
        // A parent of another party (or a missing one) would hide the node; show it as a root instead.
        if (parent && parent.organisation.party === party && parent !== node) {
            parent.children.push(node);
        } else {
            group.roots.push(node);
        }
    }

    const partyRank = (party: string) => {
        const i = partyOrder.indexOf(party);
        return i < 0 ? partyOrder.length : i;
    };
    return [...groups.values()]
        .map((group) => ({ ...group, roots: sortTree(group.roots) }))
        .sort((a, b) => partyRank(a.party) - partyRank(b.party) || a.party.localeCompare(b.party));
}
