import { api } from "./client";
import type { IncidentCategory, ItemList } from "./types";

/** The situation picture's incident categories, retired ones included (plans offer them as choices too). */
export async function listCategories(): Promise<IncidentCategory[]> {
    return (await api.get<ItemList<IncidentCategory>>("/incident-categories")).items;
}
