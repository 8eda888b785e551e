// createExtras(hostConfig): the `Extras` object handed to parameterized scenes.

import React from 'react';
import { load as loadShapes } from 'scenebox:lazy/@remotion/shapes';
import { load as loadRough } from 'scenebox:lazy/roughjs';
import { defineLazyProperty } from './lazy-property.js';
import { createIconifyIcon } from './iconify.js';
import { LucideIcons, HeroiconsSolid, HeroiconsOutline } from './icon-packs.js';
import { createGoogleFonts } from './google-fonts.js';
import { createAvatars } from './avatars.js';

// Evaluated on first use (lazy-modules.mjs): few scenes draw shapes or sketches.
let shapes;
const remotionShapes = () => (shapes ??= { ...loadShapes() });
const rough = () => loadRough().default;

export function createExtras(hostConfig) {
  const config = hostConfig && typeof hostConfig === 'object' ? hostConfig : {};
  const extras = {
    React,
    IconifyIcon: createIconifyIcon(config.iconSets),
    HeroiconsSolid,
    HeroiconsOutline,
    LucideIcons,
    RemotionShapes: undefined, // placeholders keep the key order; made lazy below
    Rough: undefined,
    RemotionGoogleFonts: createGoogleFonts(),
    BazaarAvatars: createAvatars(config.avatars),
  };
  defineLazyProperty(extras, 'RemotionShapes', remotionShapes);
  defineLazyProperty(extras, 'Rough', rough);
  return extras;
}
