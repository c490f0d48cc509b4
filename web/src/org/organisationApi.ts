import { api } from "../api/client";
import type { ItemList, Organisation } from "../api/types";

export async function listOrganisations(): Promise<Organisation[]> {
    const list = await api.get<ItemList<Organisation>>("/organisations");
    return list.items;
}
