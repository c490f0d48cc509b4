import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { restoreSession, user } from "../auth/session";
import { cooperationModules } from "./modules";

declare module "vue-router" {
    interface RouteMeta {
        /** Message key of the page's name, used for <title>. */
        titleKey: string;
        /** Reachable without a session. */
        public?: boolean;
    }
}

const placeholderRoutes: RouteRecordRaw[] = cooperationModules
    .filter((module) => !module.ready)
    .map((module) => ({
        path: module.path,
        name: module.key,
        component: () => import("./ModulePlaceholderView.vue"),
        props: { moduleKey: module.key },
        meta: { titleKey: `modules.${module.key}.title` },
    }));

const routes: RouteRecordRaw[] = [
    {
        path: "/login",
        name: "login",
        component: () => import("../auth/LoginView.vue"),
        meta: { titleKey: "login.title", public: true },
    },
    {
        path: "/",
        component: () => import("./AppShell.vue"),
        meta: { titleKey: "modules.home.title" },
        children: [
            {
                path: "",
                name: "home",
                component: () => import("./HomeView.vue"),
                meta: { titleKey: "modules.home.title" },
            },
            ...placeholderRoutes,
            {
                // Agreement & governance: the list at /styrning, one agreement, and a comparison of two versions.
                path: "styrning",
                children: [
                    {
                        path: "",
                        name: "styrning",
                        component: () => import("../governance/AgreementsView.vue"),
                        meta: { titleKey: "modules.styrning.title" },
                    },
                    {
                        path: "overenskommelser/:id",
                        name: "agreement",
                        component: () => import("../governance/AgreementDetailView.vue"),
                        props: true,
                        meta: { titleKey: "governance.detail.pageTitle" },
                    },
                    {
                        path: "jamfor",
                        name: "agreement-compare",
                        component: () => import("../governance/AgreementCompareView.vue"),
                        meta: { titleKey: "governance.compare.title" },
                    },
                ],
            },
            {
                path: "organisationer",
                name: "organisationer",
                component: () => import("../org/OrganisationsView.vue"),
                meta: { titleKey: "modules.organisationer.title" },
            },
            {
                path: "omraden",
                name: "omraden",
                component: () => import("../areas/AreasView.vue"),
                meta: { titleKey: "modules.omraden.title" },
            },
            {
                path: ":pathMatch(.*)*",
                name: "not-found",
                component: () => import("./NotFoundView.vue"),
                meta: { titleKey: "notFound.title" },
            },
        ],
    },
];

export const router = createRouter({
    history: createWebHistory(),
    routes,
});

router.beforeEach(async (to) => {
    await restoreSession();
    if (to.meta.public) {
        if (to.name === "login" && user.value) return safeRedirect(to.query.redirect);
        return true;
    }
    if (!user.value) {
        return { name: "login", query: to.fullPath === "/" ? {} : { redirect: to.fullPath } };
    }
    return true;
});

/** Only same-app paths are followed after sign-in, never another origin. */
export function safeRedirect(target: unknown): string {
    if (typeof target === "string" && target.startsWith("/") && !target.startsWith("//")) return target;
    return "/";
}
