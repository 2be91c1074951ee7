/**
 * What BUI puts into every frame of an add-in before the add-in's own scripts run: the
 * `ORACLE_SERVICE_CLOUD` global. In the double it comes from the shell page that holds the
 * frame, so all frames of a session share one simulated BUI. A classic script with no
 * top-level names (another classic script in the same frame cannot clash with it).
 */
(window as unknown as { ORACLE_SERVICE_CLOUD: unknown }).ORACLE_SERVICE_CLOUD = (
  (window.parent as unknown as { __triageBuiDouble?: { frameworkFor(frame: Window): unknown } }).__triageBuiDouble ??
  (() => {
    throw new Error('This frame is not inside the BUI double.');
  })()
).frameworkFor(window);
