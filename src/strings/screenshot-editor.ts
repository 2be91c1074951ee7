/**
 * The screenshot editor's words (`<triage-screenshot-editor>`), in English; `{placeholders}` are
 * filled by fill(). Apart from ./screenshot.ts because the editor loads on the first picture,
 * and its words with it. Spanish is in ./screenshot-es.ts with the tool's.
 */
export const screenshotEditorEn = {
  shotEditorLabel: 'Screenshot editor',
  shotAddRedaction: 'Add black-out box',
  shotAddHighlight: 'Add highlight',
  shotCrop: 'Crop',
  shotUndo: 'Undo',
  shotEditorHelp: 'Drag on the picture to draw a black-out box, or use the buttons. On a selected box: arrow keys move it, Shift+arrow keys resize it, Delete removes it. Ctrl+Z undoes.',
  shotBoxRedact: 'Black-out box {n}',
  shotBoxHighlight: 'Highlight {n}',
  shotBoxCrop: 'Crop area',
  shotBoxWhere: '{x}, {y}, {w} by {h} pixels',
  shotBoxRemoved: '{box} removed.',
  shotImageAlt: 'Captured picture, {w} by {h} pixels',
};

export type ScreenshotEditorStrings = typeof screenshotEditorEn;
