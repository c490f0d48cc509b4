import { api } from "./client";
import type { ItemList, Organisation } from "./types";

export async function listOrganisations(): Promise<Organisation[]> {
    const list = await api.get<ItemList<Organisation>>("/organisations");
    return list.items;
}
