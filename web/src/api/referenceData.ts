// Organisations and areas, which the governance pages need to turn ids into names and to offer
// as choices. Loaded once per page load and shared; a failed load is tried again next time.
import { computed, ref } from "vue";
import type { Area, Organisation } from "./types";
import { listAreas } from "./areas";
import { todayIso } from "../ui/dates";
import { listOrganisations } from "./organisations";

let organisationsLoad: Promise<Organisation[]> | null = null;
let areasLoad: Promise<Area[]> | null = null;

const organisations = ref<Organisation[]>([]);
const areas = ref<Area[]>([]);
const failed = ref(false);

function loadOrganisations(): Promise<Organisation[]> {
    organisationsLoad ??= listOrganisations().then((items) =>
        items.slice().sort((a, b) => a.name.localeCompare(b.name, "sv")),
    );
    organisationsLoad.catch(() => (organisationsLoad = null));
    return organisationsLoad;
}

function loadAreas(): Promise<Area[]> {
    areasLoad ??= listAreas(todayIso()).then((list) =>
        list.items.slice().sort((a, b) => a.name.localeCompare(b.name, "sv")),
    );
    areasLoad.catch(() => (areasLoad = null));
    return areasLoad;
}

/** Committee kinds a group can report to (and the server accepts for a reporting obligation). */
const committeeKinds = new Set(["district_committee", "specialist_committee", "municipal_company"]);

const partyOrder: Record<string, number> = { city: 0, police: 1, external: 2 };

export function useReferenceData() {
    async function load(): Promise<void> {
        try {
            const [orgs, list] = await Promise.all([loadOrganisations(), loadAreas()]);
            organisations.value = orgs;
            areas.value = list;
            failed.value = false;
        } catch (error) {
            console.error(error);
            failed.value = true;
        }
    }

    const organisationById = computed(() => new Map(organisations.value.map((o) => [o.id, o] as const)));
    const areaById = computed(() => new Map(areas.value.map((a) => [a.id, a] as const)));

    function orgName(id: string | null | undefined): string {
        if (!id) return "–";
        return organisationById.value.get(id)?.name ?? id;
    }

    function areaName(id: string): string {
        return areaById.value.get(id)?.name ?? id;
    }

    /** The city's organisations first, then the police's, then external actors; by name within each. */
    const organisationsByParty = computed(() =>
        organisations.value
            .slice()
            .sort((a, b) => (partyOrder[a.party] ?? 9) - (partyOrder[b.party] ?? 9) || a.name.localeCompare(b.name, "sv")),
    );

    const committees = computed(() => organisations.value.filter((o) => committeeKinds.has(o.kind)));
    const districts = computed(() => areas.value.filter((a) => a.kind === "district"));
    /** Neighbourhoods of each district, by district id. */
    const neighbourhoodsByDistrict = computed(() => {
        const out = new Map<string, Area[]>();
        for (const a of areas.value) {
            if (a.kind !== "neighbourhood" || !a.district_id) continue;
            const list = out.get(a.district_id) ?? [];
            list.push(a);
            out.set(a.district_id, list);
        }
        return out;
    });

    return {
        load,
        failed,
        organisations,
        organisationsByParty,
        committees,
        districts,
        neighbourhoodsByDistrict,
        organisationById,
        orgName,
        areaName,
    };
}
