import { createRouter, createWebHistory, type RouteRecordRaw } from "vue-router";
import { restoreSession, user } from "./api/session";
import { cooperationModules } from "./shell/modules";
import { safeRedirect } from "./ui/navigation";

declare module "vue-router" {
    interface RouteMeta {
        /** Message key of the page's name, used for <title>. */
        titleKey: string;
        /** Reachable without a session. */
        public?: boolean;
        /** The part of the governance module (/styrning) a page belongs to, for its navigation. */
        govSection?: "agreements" | "groups" | "reporting" | "health";
        /** The part of the situation picture module (/lagesbild) a page belongs to, for its navigation. */
        estSection?: "picture" | "incidents" | "report" | "import" | "duties" | "categories";
        /** The part of the action plans module (/handlingsplaner) a page belongs to, for its navigation. */
        planSection?: "plans" | "rollup";
        /** The part of one plan a page shows, for the plan's own navigation. */
        planTab?: "priorities" | "goals" | "measures" | "promises" | "comments" | "export";
    }
}

const placeholderRoutes: RouteRecordRaw[] = cooperationModules
    .filter((module) => !module.ready)
    .map((module) => ({
        path: module.path,
        name: module.key,
        component: () => import("./shell/ModulePlaceholderView.vue"),
        props: { moduleKey: module.key },
        meta: { titleKey: `modules.${module.key}.title` },
    }));

const routes: RouteRecordRaw[] = [
    {
        path: "/login",
        name: "login",
        component: () => import("./auth/LoginView.vue"),
        meta: { titleKey: "login.title", public: true },
    },
    {
        path: "/",
        component: () => import("./shell/AppShell.vue"),
        meta: { titleKey: "modules.home.title" },
        children: [
            {
                path: "",
                name: "home",
                component: () => import("./shell/HomeView.vue"),
                meta: { titleKey: "modules.home.title" },
            },
            ...placeholderRoutes,
            {
                // Agreement & governance: agreements (the list at /styrning, one agreement, a comparison of two
                // versions), groups with their mandates, meetings and decisions, reporting back, and health.
                path: "styrning",
                component: () => import("./governance/GovernanceLayout.vue"),
                children: [
                    {
                        path: "",
                        name: "styrning",
                        component: () => import("./governance/AgreementsView.vue"),
                        meta: { titleKey: "modules.styrning.title", govSection: "agreements" },
                    },
                    {
                        path: "overenskommelser/:id",
                        name: "agreement",
                        component: () => import("./governance/AgreementDetailView.vue"),
                        props: true,
                        meta: { titleKey: "governance.detail.pageTitle", govSection: "agreements" },
                    },
                    {
                        path: "jamfor",
                        name: "agreement-compare",
                        component: () => import("./governance/AgreementCompareView.vue"),
                        meta: { titleKey: "governance.compare.title", govSection: "agreements" },
                    },
                    {
                        path: "grupper",
                        name: "groups",
                        component: () => import("./governance/GroupsView.vue"),
                        meta: { titleKey: "governance.groups.title", govSection: "groups" },
                    },
                    {
                        path: "grupper/:id",
                        name: "group",
                        component: () => import("./governance/GroupDetailView.vue"),
                        props: true,
                        meta: { titleKey: "governance.group.pageTitle", govSection: "groups" },
                    },
                    {
                        path: "moten/:id",
                        name: "meeting",
                        component: () => import("./governance/MeetingView.vue"),
                        props: true,
                        meta: { titleKey: "governance.meeting.pageTitle", govSection: "groups" },
                    },
                    {
                        // A decision is shown in its meeting; this address leads there (used by the health view).
                        path: "beslut/:id",
                        name: "decision",
                        component: () => import("./governance/DecisionLinkView.vue"),
                        props: true,
                        meta: { titleKey: "governance.decision.pageTitle", govSection: "groups" },
                    },
                    {
                        path: "rapportering",
                        name: "reporting",
                        component: () => import("./governance/ReportingView.vue"),
                        meta: { titleKey: "governance.reporting.title", govSection: "reporting" },
                    },
                    {
                        path: "rapporter/:id",
                        name: "report",
                        component: () => import("./governance/ReportView.vue"),
                        props: true,
                        meta: { titleKey: "governance.report.pageTitle", govSection: "reporting" },
                    },
                    {
                        path: "halsa",
                        name: "health",
                        component: () => import("./governance/HealthView.vue"),
                        meta: { titleKey: "governance.health.title", govSection: "health" },
                    },
                ],
            },
            {
                // Action plans (handlingsplaner): every plan with its roll-up, the follow-up across the city,
                // one plan in parts (ranked problems, goals and indicators, measures, citizen promises,
                // comments, export), and one measure with its status, indicators, follow-ups and comments.
                path: "handlingsplaner",
                component: () => import("./plans/PlansLayout.vue"),
                children: [
                    {
                        path: "",
                        name: "handlingsplaner",
                        component: () => import("./plans/PlansView.vue"),
                        meta: { titleKey: "modules.handlingsplaner.title", planSection: "plans" },
                    },
                    {
                        path: "uppfoljning",
                        name: "plan-rollup",
                        component: () => import("./plans/RollupView.vue"),
                        meta: { titleKey: "plans.rollup.title", planSection: "rollup" },
                    },
                    {
                        path: "atgarder/:id",
                        name: "measure",
                        component: () => import("./plans/MeasureView.vue"),
                        props: true,
                        meta: { titleKey: "plans.measure.pageTitle", planSection: "plans" },
                    },
                    {
                        path: ":id",
                        component: () => import("./plans/PlanLayout.vue"),
                        props: true,
                        children: [
                            {
                                path: "",
                                name: "plan",
                                component: () => import("./plans/PrioritiesView.vue"),
                                meta: { titleKey: "plans.tabTitle.priorities", planSection: "plans", planTab: "priorities" },
                            },
                            {
                                path: "mal",
                                name: "plan-goals",
                                component: () => import("./plans/GoalsView.vue"),
                                meta: { titleKey: "plans.tabTitle.goals", planSection: "plans", planTab: "goals" },
                            },
                            {
                                path: "atgarder",
                                name: "plan-measures",
                                component: () => import("./plans/MeasuresView.vue"),
                                meta: { titleKey: "plans.tabTitle.measures", planSection: "plans", planTab: "measures" },
                            },
                            {
                                path: "medborgarloften",
                                name: "plan-promises",
                                component: () => import("./plans/PromisesView.vue"),
                                meta: { titleKey: "plans.tabTitle.promises", planSection: "plans", planTab: "promises" },
                            },
                            {
                                path: "kommentarer",
                                name: "plan-comments",
                                component: () => import("./plans/PlanCommentsView.vue"),
                                meta: { titleKey: "plans.tabTitle.comments", planSection: "plans", planTab: "comments" },
                            },
                            {
                                path: "export",
                                name: "plan-export",
                                component: () => import("./plans/ExportView.vue"),
                                meta: { titleKey: "plans.tabTitle.export", planSection: "plans", planTab: "export" },
                            },
                        ],
                    },
                ],
            },
            {
                // The joint situation picture (lägesbild, EST): the picture of an area and period, the
                // individual reports, filing a report, imports, reporting duties and the category taxonomy.
                path: "lagesbild",
                component: () => import("./est/EstLayout.vue"),
                children: [
                    {
                        path: "",
                        name: "lagesbild",
                        component: () => import("./est/SituationPictureView.vue"),
                        meta: { titleKey: "modules.lagesbild.title", estSection: "picture" },
                    },
                    {
                        path: "rapporter",
                        name: "est-incidents",
                        component: () => import("./est/IncidentsView.vue"),
                        meta: { titleKey: "est.incidents.title", estSection: "incidents" },
                    },
                    {
                        path: "rapportera",
                        name: "est-report",
                        component: () => import("./est/ReportIncidentView.vue"),
                        meta: { titleKey: "est.report.title", estSection: "report" },
                    },
                    {
                        path: "import",
                        name: "est-import",
                        component: () => import("./est/ImportView.vue"),
                        meta: { titleKey: "est.import.title", estSection: "import" },
                    },
                    {
                        path: "inrapportering",
                        name: "est-duties",
                        component: () => import("./est/ReportingDutiesView.vue"),
                        meta: { titleKey: "est.duties.title", estSection: "duties" },
                    },
                    {
                        path: "kategorier",
                        name: "est-categories",
                        component: () => import("./est/CategoriesView.vue"),
                        meta: { titleKey: "est.taxonomy.title", estSection: "categories" },
                    },
                ],
            },
            {
                path: "organisationer",
                name: "organisationer",
                component: () => import("./org/OrganisationsView.vue"),
                meta: { titleKey: "modules.organisationer.title" },
            },
            {
                path: "omraden",
                name: "omraden",
                component: () => import("./areas/AreasView.vue"),
                meta: { titleKey: "modules.omraden.title" },
            },
            {
                path: ":pathMatch(.*)*",
                name: "not-found",
                component: () => import("./shell/NotFoundView.vue"),
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
