// Writes a gzip-compressed copy (file.gz) beside every text asset in the build output,
// so the server can send Content-Encoding: gzip without compressing on each request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";

const root = process.argv[2] ?? "dist";
const compressible = /\.(js|css|html|json|svg|map|txt)$/;

function walk(dir) {
    for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
            walk(path);
        } else if (compressible.test(name)) {
            const data = readFileSync(path);
            const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
            writeFileSync(`${path}.gz`, gz);
        }
    }
}

walk(root);
console.log(`precompress: wrote .gz copies under ${root}`);
