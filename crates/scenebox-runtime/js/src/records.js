// Side-channel records of a scene run: warnings, media assets and fonts, each deduplicated
// (by JSON value) and kept in first-seen order. Reset by installDeterminism() when a scene starts,
// so that records made while the scene module is evaluated (loadFont at top level, icon look-ups)
// are kept through mount.

function makeList() {
  const seen = new Set();
  let items = [];
  return {
    add(entry) {
      const key = JSON.stringify(entry);
      if (seen.has(key)) return false;
      seen.add(key);
      items.push(entry);
      return true;
    },
    /** Replace-or-add for entries that carry mutable data (keyed by `key`). */
    upsert(key, make, update) {
      const k = 'k:' + key;
      if (!seen.has(k)) {
        seen.add(k);
        items.push(make());
      } else {
        const index = items.findIndex((e) => e.__key === key);
        if (index >= 0 && update) update(items[index]);
      }
    },
    list() {
      return items.map((e) => {
        if (e && typeof e === 'object' && '__key' in e) {
          const { __key, ...rest } = e;
          return JSON.parse(JSON.stringify(rest));
        }
        return JSON.parse(JSON.stringify(e));
      });
    },
    reset() {
      seen.clear();
      items = [];
    },
  };
}

export const warnings = makeList();
export const media = makeList();
export const fonts = makeList();

export function warn(entry) {
  warnings.add(entry);
}

export function resetRecords() {
  warnings.reset();
  media.reset();
  fonts.reset();
}
