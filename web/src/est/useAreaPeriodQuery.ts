// The area and period a page shows live in its address (?omrade=…&period=…), so that a reload, a
// bookmark or a link from the picture to its reports shows the same. Without them, the user's first
// district (or the city) and the current ISO week.
import { computed } from "vue";
import { useRoute, useRouter } from "vue-router";
import { currentPeriod, parsePeriod, periodCode } from "../ui";
import { useSituationAreas } from "./useSituationAreas";

function queryText(value: unknown): string {
    return typeof value === "string" ? value : "";
}

export function useAreaPeriodQuery() {
    const route = useRoute();
    const router = useRouter();
    const areas = useSituationAreas();

    function update(changes: Record<string, string | undefined>): void {
        const query: Record<string, string> = {};
        for (const [key, value] of Object.entries({ ...route.query, ...changes })) {
            if (typeof value === "string" && value) query[key] = value;
        }
        void router.replace({ query });
    }

    const areaId = computed({
        get: () => queryText(route.query.omrade) || areas.defaultAreaId.value,
        set: (value: string) => update({ omrade: value, sida: undefined }),
    });

    const period = computed({
        get: () => {
            const code = queryText(route.query.period);
            return parsePeriod(code) ? code : periodCode(currentPeriod("week"));
        },
        set: (value: string) => update({ period: value, sida: undefined }),
    });

    return { areaId, period, update, query: computed(() => route.query) };
}
