// What the plan forms offer as choices: the situation picture's categories (in use), the districts,
// and the organisations that can own a measure. Loaded when a form first needs them; a failed load
// is tried again next time.
import { computed, ref } from "vue";
import type { IncidentCategory } from "../api/types";
import { listCategories } from "../api/categories";
import { useReferenceData } from "../api/referenceData";
import { useFormat } from "../ui";

const categories = ref<IncidentCategory[]>([]);
const categoriesFailed = ref(false);
let categoriesLoad: Promise<void> | null = null;

export function useChoices() {
    const refs = useReferenceData();
    const est = useFormat();

    async function load(): Promise<void> {
        categoriesLoad ??= listCategories()
            .then((items) => {
                categories.value = items.slice().sort((a, b) => a.position - b.position);
                categoriesFailed.value = false;
            })
            .catch((error: unknown) => {
                console.error(error);
                categoriesLoad = null;
                categoriesFailed.value = true;
            });
        await Promise.all([categoriesLoad, refs.load()]);
    }

    const categoryOptions = computed(() =>
        categories.value.filter((c) => !c.retired).map((c) => ({ value: String(c.id), text: est.categoryName(c) })),
    );
    const districtOptions = computed(() => refs.districts.value.map((d) => ({ value: d.id, text: d.name })));
    const organisationOptions = computed(() => refs.organisationsByParty.value.map((o) => ({ value: o.id, text: o.name })));

    return {
        load,
        failed: computed(() => categoriesFailed.value || refs.failed.value),
        categoryOptions,
        districtOptions,
        organisationOptions,
    };
}
