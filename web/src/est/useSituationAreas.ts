// The areas the signed-in user may see a picture of (the city, districts, police areas), loaded once
// per sign-in and shared by the module's pages; a failed load is tried again next time.
import { computed, ref, watch } from "vue";
import { useI18n } from "vue-i18n";
import type { SituationArea } from "../api/types";
import { user } from "../api/session";
import { listSituationAreas } from "./estApi";

const areas = ref<SituationArea[] | null>(null);
const failed = ref(false);
const forbidden = ref(false);
let loading: Promise<void> | null = null;

// Another user signing in on the same page load may see other areas.
watch(
    () => user.value?.id,
    () => {
        areas.value = null;
        loading = null;
    },
);

const kindOrder: Record<string, number> = { municipality: 0, district: 1, police_area: 2 };

export function useSituationAreas() {
    const { t } = useI18n();

    function load(): Promise<void> {
        loading ??= listSituationAreas()
            .then((items) => {
                areas.value = items;
                failed.value = false;
                forbidden.value = false;
            })
            .catch((error: unknown) => {
                loading = null;
                const status = (error as { status?: number }).status;
                forbidden.value = status === 403;
                failed.value = status !== 403;
                if (status === undefined) console.error(error);
            });
        return loading;
    }

    /** The first district the user may see, else the whole city, else whatever comes first. */
    const defaultAreaId = computed(() => {
        const list = areas.value ?? [];
        return (list.find((a) => a.kind === "district") ?? list.find((a) => a.kind === "municipality") ?? list[0])?.id ?? "";
    });

    /** Options for a select: the city first, then districts and police areas under their headings. */
    const options = computed(() =>
        (areas.value ?? [])
            .slice()
            .sort((a, b) => (kindOrder[a.kind] ?? 9) - (kindOrder[b.kind] ?? 9) || a.name.localeCompare(b.name, "sv"))
            .map((a) => ({
                value: a.id,
                text: a.name,
                group: a.kind === "municipality" ? undefined : t(`est.areaGroup.${a.kind in kindOrder ? a.kind : "other"}`),
            })),
    );

    function areaName(id: string): string {
        return areas.value?.find((a) => a.id === id)?.name ?? "";
    }

    return { areas, failed, forbidden, load, defaultAreaId, options, areaName };
}
