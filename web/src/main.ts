import "@fkui/theme-default/dist/fkui-css-variables.css";
import "@fkui/design/lib/fkui.css";
import "./styles/app.css";

import { createApp } from "vue";
import App from "./App.vue";
import { i18n } from "./shell/i18n";
import { router } from "./shell/router";

const app = createApp(App);
app.use(i18n);
app.use(router);
app.mount("#app");
