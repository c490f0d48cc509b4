// Loading what a page shows for the current selection (area, period, week …). When the selection
// changes while a request is out, only the latest request's answer (or failure) is shown. A failure
// is told in the reader's language: by the HTTP status where one has its own message, else in general.
import { ref, type Ref } from "vue";
import { useI18n } from "vue-i18n";
import { ApiError } from "../api/client";

export function useLatestLoad<Q, T>(fetch: (query: Q) => Promise<T>, failedKey: string, statusKeys: Record<number, string> = {}) {
    const { t } = useI18n();
    const data = ref(null) as Ref<T | null>;
    const loading = ref(false);
    const error = ref("");
    let latest = 0;

    async function load(query: Q): Promise<void> {
        const request = ++latest;
        loading.value = true;
        error.value = "";
        try {
            const result = await fetch(query);
            if (request === latest) data.value = result;
        } catch (failure) {
            if (request !== latest) return;
            data.value = null;
            if (!(failure instanceof ApiError)) console.error(failure);
            const key = failure instanceof ApiError ? statusKeys[failure.status] : undefined;
            error.value = t(key ?? failedKey);
        } finally {
            if (request === latest) loading.value = false;
        }
    }

    return { data, loading, error, load };
}
