// Loads the neighbourhood layout of a date: which district and police area each
// neighbourhood belongs to, plus its polygon. Boundaries change far less often than the
// district layout, so polygons are cached by neighbourhood id and the (much larger) map
// document is fetched again only when a date brings neighbourhoods that have none yet.
import { ref, shallowRef, watch, type Ref } from "vue";
import type { Geometry, NeighbourhoodFeature, NeighbourhoodProperties } from "../../api/types";
import { fetchNeighbourhoodMap, listAreas } from "../../api/areas";
import { isIsoDate } from "../dates";

export function useNeighbourhoodLayout(date: Ref<string>) {
    const features = shallowRef<NeighbourhoodFeature[]>([]);
    /** The date whose layout is on screen; it lags `date` while a request is under way. */
    const shownDate = ref("");
    const loading = ref(false);
    const failed = ref(false);
    const geometries = new Map<string, Geometry | null>();

    function remember(collection: NeighbourhoodFeature[]): void {
        for (const feature of collection) geometries.set(feature.properties.id, feature.geometry);
    }

    async function fetchLayout(forDate: string): Promise<NeighbourhoodFeature[]> {
        if (geometries.size === 0) {
            const collection = await fetchNeighbourhoodMap(forDate);
            remember(collection.features);
            return collection.features;
        }
        const list = await listAreas(forDate, "neighbourhood");
        const rows: NeighbourhoodProperties[] = list.items.map((a) => ({
            id: a.id,
            name: a.name,
            district_id: a.district_id,
            district_name: a.district_name,
            police_area_id: a.police_area_id,
            police_area_name: a.police_area_name,
        }));
        if (rows.some((row) => !geometries.has(row.id))) {
            remember((await fetchNeighbourhoodMap(forDate)).features);
        }
        return rows.map((properties) => ({
            type: "Feature",
            properties,
            geometry: geometries.get(properties.id) ?? null,
        }));
    }

    let latestRequest = 0;
    async function load(forDate: string): Promise<void> {
        const request = ++latestRequest;
        loading.value = true;
        failed.value = false;
        try {
            const layout = await fetchLayout(forDate);
            if (request !== latestRequest) return; // a newer date was chosen meanwhile
            features.value = layout;
            shownDate.value = forDate;
        } catch (error) {
            if (request !== latestRequest) return;
            console.error(error);
            failed.value = true;
        } finally {
            if (request === latestRequest) loading.value = false;
        }
    }

    watch(
        date,
        (value) => {
            if (isIsoDate(value)) void load(value);
        },
        { immediate: true },
    );

    return { features, shownDate, loading, failed };
}
