// A simple equirectangular projection for a city-sized map: longitude is scaled by
// cos(latitude) at the map's centre, which keeps Stockholm's shapes true to within
// a fraction of a percent. It turns GeoJSON geometry into SVG path data.
import type { Geometry, PolygonCoordinates, Position } from "../../api/types";

export interface Projection {
    width: number;
    height: number;
    project(position: Position): [number, number];
    /** The inverse: a point on the map back to [lon, lat]. */
    unproject(point: [number, number]): Position;
}

function polygonsOf(geometry: Geometry): PolygonCoordinates[] {
    return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

/** Fits all the geometries into a box `width` wide, with `padding` on every side. */
export function fitProjection(geometries: readonly Geometry[], width: number, padding = 8): Projection {
    let minLon = Infinity;
    let maxLon = -Infinity;
    let minLat = Infinity;
    let maxLat = -Infinity;
    for (const geometry of geometries) {
        for (const polygon of polygonsOf(geometry)) {
            for (const ring of polygon) {
                for (const [lon, lat] of ring) {
                    if (lon < minLon) minLon = lon;
                    if (lon > maxLon) maxLon = lon;
                    if (lat < minLat) minLat = lat;
                    if (lat > maxLat) maxLat = lat;
                }
            }
        }
    }
    if (!Number.isFinite(minLon)) return { width, height: width / 2, project: () => [0, 0], unproject: () => [0, 0] };

    const xScale = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const spanX = Math.max((maxLon - minLon) * xScale, 1e-9);
    const spanY = Math.max(maxLat - minLat, 1e-9);
    const scale = (width - 2 * padding) / spanX;
    const height = Math.ceil(spanY * scale + 2 * padding);
    return {
        width,
        height,
        project: ([lon, lat]) => [padding + (lon - minLon) * xScale * scale, padding + (maxLat - lat) * scale],
        unproject: ([x, y]) => [minLon + (x - padding) / (xScale * scale), maxLat - (y - padding) / scale],
    };
}

function round(value: number): number {
    return Math.round(value * 10) / 10;
}

/** SVG path data for a Polygon or MultiPolygon; holes are drawn with the even-odd rule. */
export function pathData(geometry: Geometry, projection: Projection): string {
    const parts: string[] = [];
    for (const polygon of polygonsOf(geometry)) {
        for (const ring of polygon) {
            if (ring.length < 3) continue;
            const points = ring.map((position) => {
                const [x, y] = projection.project(position);
                return `${round(x)},${round(y)}`;
            });
            parts.push(`M${points.join("L")}Z`);
        }
    }
    return parts.join("");
}
