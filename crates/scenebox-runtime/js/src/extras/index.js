// createExtras(hostConfig): the `Extras` object handed to parameterized scenes.

import React from 'react';
import * as RemotionShapes from '@remotion/shapes';
import rough from 'roughjs';
import { createIconifyIcon } from './iconify.js';
import { LucideIcons, HeroiconsSolid, HeroiconsOutline } from './icon-packs.js';
import { createGoogleFonts } from './google-fonts.js';
import { createAvatars } from './avatars.js';

const Shapes = { ...RemotionShapes };

export function createExtras(hostConfig) {
  const config = hostConfig && typeof hostConfig === 'object' ? hostConfig : {};
  return {
    React,
    IconifyIcon: createIconifyIcon(config.iconSets),
    HeroiconsSolid,
    HeroiconsOutline,
    LucideIcons,
    RemotionShapes: Shapes,
    Rough: rough,
    RemotionGoogleFonts: createGoogleFonts(),
    BazaarAvatars: createAvatars(config.avatars),
  };
}
