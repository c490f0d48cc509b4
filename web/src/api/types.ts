// Shapes of the API's JSON documents, as served under /api/v1.

export interface RoleAssignment {
    role: string;
    organisation_id: string | null;
    area_id: string | null;
}

export interface User {
    id: string;
    username: string;
    display_name: string;
    roles: RoleAssignment[];
    organisation_ids?: string[];
}

export interface SessionResponse {
    user: User;
    csrf_token: string;
}

export type OrganisationKind =
    | "police_region"
    | "local_police_area"
    | "city_executive_office"
    | "district_committee"
    | "specialist_committee"
    | "municipal_company"
    | "external_actor";

export type Party = "city" | "police" | "external";

export interface Organisation {
    id: string;
    name: string;
    kind: OrganisationKind | string;
    parent_id: string | null;
    party: Party | string;
    area_id?: string | null;
}

export interface ItemList<T> {
    items: T[];
}

export type AreaKind = "municipality" | "district" | "neighbourhood" | "police_area";

export interface Area {
    id: string;
    code?: string;
    name: string;
    kind: AreaKind | string;
    valid_from: string;
    valid_to: string | null;
    district_id: string | null;
    district_name: string | null;
    police_area_id: string | null;
    police_area_name: string | null;
}

export interface AreaList {
    date: string;
    items: Area[];
}

export type Position = [number, number];
export type PolygonCoordinates = Position[][];

export interface NeighbourhoodProperties {
    id: string;
    name: string;
    district_id: string | null;
    district_name: string | null;
    police_area_id: string | null;
    police_area_name: string | null;
}

export type Geometry =
    | { type: "Polygon"; coordinates: PolygonCoordinates }
    | { type: "MultiPolygon"; coordinates: PolygonCoordinates[] };

export interface NeighbourhoodFeature {
    type: "Feature";
    id?: string | number;
    properties: NeighbourhoodProperties;
    geometry: Geometry | null;
}

export interface NeighbourhoodCollection {
    type: "FeatureCollection";
    features: NeighbourhoodFeature[];
}
