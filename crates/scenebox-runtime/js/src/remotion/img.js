// Host <Img>: Remotion's own <Img> (Sequence, premount, crop semantics unchanged) with `src`
// forwarded to the <img> element. Remotion sets `src` on the DOM node in a layout effect that only
// exists when `window` is defined; here the wrapper passes it through as `data-scenebox-src`, which
// the tree serializer turns back into `src`. Like Remotion, a missing src throws.

import React from 'react';
import { Img as RemotionImg } from 'remotion';

export const HostImg = React.forwardRef(function Img(props, ref) {
  if (!props || !props.src) {
    throw new Error('No "src" prop was passed to <Img>.');
  }
  return React.createElement(RemotionImg, { ...props, ref, 'data-scenebox-src': props.src });
});
HostImg.displayName = 'Img';
