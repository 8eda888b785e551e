// The render-mode provider tree Remotion's renderer puts around a composition, built for one
// mounted scene and one frame: environment (isRendering), delayRender scope, root contexts with
// frameState, composition manager with the composition as canvas content, hooks allowed, and the
// Suspense boundary Remotion's <Composition> puts around the component when rendering.

import React from 'react';
import { Internals, useDelayRender } from 'remotion';
import { RENDER_ENVIRONMENT } from './namespace.js';
import { scopeRef } from './delay-render.js';

const h = React.createElement;

// Same as the fallback of Remotion's <Composition> in render mode: while the scene is suspended
// (React.lazy, use()), hold a delayRender so the host keeps stepping until it resolves.
function SuspenseFallback() {
  const { delayRender, continueRender } = useDelayRender();
  React.useEffect(() => {
    const handle = delayRender('Waiting for Root component to unsuspend');
    return () => continueRender(handle);
  }, [continueRender, delayRender]);
  return null;
}

/**
 * @param {{component: any, id: string, width: number, height: number, fps: number,
 *          durationInFrames: number, props: object}} scene
 */
export function createCompositionManagerValue(scene) {
  const composition = {
    id: scene.id,
    component: scene.component,
    width: scene.width,
    height: scene.height,
    fps: scene.fps,
    durationInFrames: scene.durationInFrames,
    defaultProps: scene.props,
    folderName: null,
    parentFolderName: null,
    schema: null,
    calculateMetadata: null,
    nonce: 0,
    stack: null,
  };
  return {
    compositions: [composition],
    folders: [],
    currentCompositionMetadata: null,
    currentAssetMetadata: null,
    canvasContent: { type: 'composition', compositionId: scene.id },
  };
}

export function renderTree(scene, managerValue, frame) {
  return h(
    Internals.RemotionEnvironmentContext.Provider,
    { value: RENDER_ENVIRONMENT },
    h(
      Internals.DelayRenderContextType.Provider,
      { value: scopeRef.current },
      h(
        Internals.RemotionRootContexts,
        {
          frameState: { [scene.id]: frame },
          videoEnabled: true,
          audioEnabled: true,
          numberOfAudioTags: 0,
          logLevel: 'info',
          audioLatencyHint: 'interactive',
          previewSampleRate: 48000,
          _experimentalKeepAudioContextAlive: false,
        },
        h(
          Internals.CompositionManager.Provider,
          { value: managerValue },
          h(
            Internals.CanUseRemotionHooksProvider,
            null,
            h(React.Suspense, { fallback: h(SuspenseFallback) }, h(scene.component, scene.props)),
          ),
        ),
      ),
    ),
  );
}
