// Fill colours for the districts. All are light to medium, so that the black outline of a
// selected neighbourhood and the white borders between neighbourhoods stay visible on each.
const districtColours = [
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
    "#a0cbe8",
    "#8cd17d",
    "#d4a6c8",
    "#bab0ac",
    "#ffbe7d",
];

export const noDistrictColour = "#d9d9d9";

/** Gives each district id a colour, in the order of the (sorted) list it is handed. */
export function colourDistricts(districtIds: readonly string[]): Map<string, string> {
    const colours = new Map<string, string>();
    districtIds.forEach((id, i) => colours.set(id, districtColours[i % districtColours.length] ?? noDistrictColour));
    return colours;
}
