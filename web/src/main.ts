import "@fkui/theme-default/dist/fkui-css-variables.css";
import "@fkui/design/lib/fkui.css";
import "./styles/app.css";

import { createApp } from "vue";
import App from "./App.vue";
import { setUnauthorizedHandler } from "./api/client";
import { forgetSession } from "./api/session";
import { i18n } from "./ui/i18n";
import { router } from "./router";

// A session that expires on the server sends the user back to the sign-in page,
// and from there back to where they were.
setUnauthorizedHandler(() => {
    forgetSession();
    const current = router.currentRoute.value;
    if (!current.meta.public) void router.replace({ name: "login", query: { redirect: current.fullPath } });
});

const app = createApp(App);
app.use(i18n);
app.use(router);
app.mount("#app");
