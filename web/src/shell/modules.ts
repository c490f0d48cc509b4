// The modules of the application, in menu order. Routes, the navigation and the
// overview page are all built from this one list.

export interface ModuleDef {
    /** Route name and key under `modules.` in the message files. */
    key: string;
    path: string;
    /** False while the module is still a placeholder page. */
    ready: boolean;
}

export const cooperationModules: readonly ModuleDef[] = [
    { key: "styrning", path: "/styrning", ready: true },
    { key: "handlingsplaner", path: "/handlingsplaner", ready: true },
    { key: "lagesbild", path: "/lagesbild", ready: true },
    { key: "dialog", path: "/dialog", ready: false },
    { key: "tidigaInsatser", path: "/tidiga-insatser", ready: false },
    { key: "insyn", path: "/insyn", ready: false },
];

export const referenceModules: readonly ModuleDef[] = [
    { key: "organisationer", path: "/organisationer", ready: true },
    { key: "omraden", path: "/omraden", ready: true },
];
