// Classes of counts for the neighbourhood map: none, then up to four equal steps up to the largest
// count, in a light-to-dark blue scale that reads in greyscale and for colour-blind readers. The
// legend writes each class out and the table beside the map holds the numbers.

export const noneColour = "#eef0f3";
const stepColours = ["#c6dbef", "#6baed6", "#2171b5", "#08306b"] as const;

export interface CountClass {
    /** Smallest and largest count in the class (both 0 for "none"). */
    from: number;
    to: number;
    colour: string;
}

export function countClasses(max: number): CountClass[] {
    const classes: CountClass[] = [{ from: 0, to: 0, colour: noneColour }];
    if (max <= 0) return classes;
    const step = Math.max(1, Math.ceil(max / stepColours.length));
    for (let i = 0; i < stepColours.length && i * step + 1 <= max; i += 1) {
        classes.push({ from: i * step + 1, to: Math.min((i + 1) * step, max), colour: stepColours[i] ?? noneColour });
    }
    return classes;
}

export function classOf(count: number, classes: readonly CountClass[]): CountClass {
    return classes.find((c) => count >= c.from && count <= c.to) ?? classes[classes.length - 1] ?? classes[0]!;
}
