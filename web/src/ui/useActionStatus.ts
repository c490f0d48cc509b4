// One action at a time on a page (a button in a table row, a form): whether one is running, what the
// last one did, announced by the page's StatusMessage (the template ref `statusRef`), and why it failed
// (for a ProblemAlert).
import { ref, useTemplateRef } from "vue";
import type StatusMessage from "./StatusMessage.vue";
import { useProblem, type ShownProblem } from "./problem";

export function useActionStatus(statusRef = "status") {
    const { problemOf } = useProblem();
    const busy = ref(false);
    const message = ref("");
    const problem = ref<ShownProblem | null>(null);
    const status = useTemplateRef<InstanceType<typeof StatusMessage>>(statusRef);

    /** Announces what was done, and moves focus to it (for when the clicked button went away). */
    async function announce(text: string): Promise<void> {
        message.value = text;
        await status.value?.focus();
    }

    /** Runs an action unless one is running, and announces what it returns; a failure shows with the message `failedKey`. */
    async function run(action: () => Promise<string>, failedKey: string): Promise<void> {
        if (busy.value) return;
        busy.value = true;
        message.value = "";
        problem.value = null;
        try {
            await announce(await action());
        } catch (error) {
            problem.value = problemOf(error, failedKey);
        } finally {
            busy.value = false;
        }
    }

    return { busy, message, problem, announce, run };
}
