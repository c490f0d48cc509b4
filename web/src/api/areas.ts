import { api } from "./client";
import type { AreaList, NeighbourhoodCollection } from "./types";

/** Neighbourhood polygons with their district and police area on `date` (YYYY-MM-DD). */
export function fetchNeighbourhoodMap(date: string): Promise<NeighbourhoodCollection> {
    return api.get<NeighbourhoodCollection>("/areas/map", { date });
}

export function listAreas(date: string, kind?: string): Promise<AreaList> {
    return api.get<AreaList>("/areas", { date, kind });
}
