/**
 * Screenshot strings, English and Spanish, beside the element (like "My reports"); a host
 * overrides any key through `config.strings`. `{placeholders}` are filled by fillIn().
 */
export const screenshotEn = {
  shotTitle: 'Screenshot',
  shotIntro: 'Customer details are blacked out automatically before you see the picture.',
  shotTab: 'Capture this tab',
  shotScreen: 'Capture entire screen',
  shotCapturing: 'Waiting for the browser to share the screen…',
  shotWindow: 'Capture from a separate window',
  shotWindowWaiting: 'Finish the capture in the small window that opened.',
  shotPasteLabel: 'Paste a picture: press Print Screen, then click here and press Ctrl+V (or drop a file here)',
  shotFile: 'Choose a picture file',
  shotInsecure: 'Screen capture is not available because this page is not served over HTTPS. Paste a picture or choose a file instead.',
  shotPolicy: 'Screen capture is not allowed inside this embedded page (the host did not grant "display-capture"). Capture from a separate window, paste a picture or choose a file instead.',
  shotUnsupported: 'This browser cannot capture the screen. Paste a picture or choose a file instead.',
  shotRefused: 'The screen was not shared, so no picture was taken. Try again, capture from a separate window, paste a picture or choose a file.',
  shotFailed: 'The capture did not produce a picture ({reason}). Paste a picture or choose a file instead.',
  shotNotImage: '"{name}" is not a picture the browser can read.',
  shotMasked: '{count} areas with customer details were blacked out automatically. Check the picture before attaching it.',
  shotMaskedNone: 'No customer-data areas were found on this page. Check the picture before attaching it.',
  shotMaskUnknown: 'Automatic masking covers this tab only: this picture was not masked. Check it and black out any customer details by hand.',
  shotMaskInvalid: 'These mask selectors are not valid CSS and masked nothing: {selectors}',
  shotAttach: 'Attach screenshot',
  shotDiscard: 'Discard',
  shotAttached: 'Screenshot attached ({size}).',
  shotRefusedByReport: 'The report did not take the screenshot: {reason}',
  shotNoReport: 'There is no report to attach the screenshot to.',
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

export type ScreenshotStrings = typeof screenshotEn;

export const screenshotEs: ScreenshotStrings = {
  shotTitle: 'Captura de pantalla',
  shotIntro: 'Los datos del cliente se tapan automáticamente antes de que vea la imagen.',
  shotTab: 'Capturar esta pestaña',
  shotScreen: 'Capturar toda la pantalla',
  shotCapturing: 'Esperando a que el navegador comparta la pantalla…',
  shotWindow: 'Capturar desde una ventana aparte',
  shotWindowWaiting: 'Termine la captura en la ventana pequeña que se abrió.',
  shotPasteLabel: 'Pegar una imagen: pulse Impr Pant, haga clic aquí y pulse Ctrl+V (o suelte un archivo aquí)',
  shotFile: 'Elegir un archivo de imagen',
  shotInsecure: 'La captura de pantalla no está disponible porque esta página no se sirve por HTTPS. Pegue una imagen o elija un archivo.',
  shotPolicy: 'La captura de pantalla no está permitida dentro de esta página incrustada (el anfitrión no concedió "display-capture"). Capture desde una ventana aparte, pegue una imagen o elija un archivo.',
  shotUnsupported: 'Este navegador no puede capturar la pantalla. Pegue una imagen o elija un archivo.',
  shotRefused: 'No se compartió la pantalla, así que no se tomó ninguna imagen. Inténtelo de nuevo, capture desde una ventana aparte, pegue una imagen o elija un archivo.',
  shotFailed: 'La captura no produjo ninguna imagen ({reason}). Pegue una imagen o elija un archivo.',
  shotNotImage: '"{name}" no es una imagen que el navegador pueda leer.',
  shotMasked: 'Se taparon automáticamente {count} zonas con datos del cliente. Revise la imagen antes de adjuntarla.',
  shotMaskedNone: 'No se encontraron zonas con datos del cliente en esta página. Revise la imagen antes de adjuntarla.',
  shotMaskUnknown: 'El tapado automático solo cubre esta pestaña: esta imagen no se tapó. Revísela y tape a mano cualquier dato del cliente.',
  shotMaskInvalid: 'Estos selectores de tapado no son CSS válido y no taparon nada: {selectors}',
  shotAttach: 'Adjuntar captura',
  shotDiscard: 'Descartar',
  shotAttached: 'Captura adjuntada ({size}).',
  shotRefusedByReport: 'El informe no aceptó la captura: {reason}',
  shotNoReport: 'No hay ningún informe al que adjuntar la captura.',
  shotEditorLabel: 'Editor de la captura',
  shotAddRedaction: 'Añadir recuadro de tapado',
  shotAddHighlight: 'Añadir resaltado',
  shotCrop: 'Recortar',
  shotUndo: 'Deshacer',
  shotEditorHelp: 'Arrastre sobre la imagen para dibujar un recuadro de tapado, o use los botones. Con un recuadro seleccionado: las flechas lo mueven, Mayús+flechas cambian su tamaño y Supr lo elimina. Ctrl+Z deshace.',
  shotBoxRedact: 'Recuadro de tapado {n}',
  shotBoxHighlight: 'Resaltado {n}',
  shotBoxCrop: 'Zona de recorte',
  shotBoxWhere: '{x}, {y}, {w} por {h} píxeles',
  shotBoxRemoved: '{box} eliminado.',
  shotImageAlt: 'Imagen capturada, {w} por {h} píxeles',
};

/** The catalog for a locale (Spanish for any 'es-*', English otherwise) with the host's overrides on top. */
export function screenshotStrings(locale: string, overrides: Record<string, unknown> = {}): ScreenshotStrings {
  const base = locale.toLowerCase().split('-')[0] === 'es' ? screenshotEs : screenshotEn;
  const merged: ScreenshotStrings = { ...base };
  for (const key of Object.keys(base) as (keyof ScreenshotStrings)[]) {
    const value = overrides[key];
    if (typeof value === 'string') merged[key] = value;
  }
  return merged;
}

/**
 * The core's fill(), repeated here in one line: importing it would put the whole severity core
 * into the screenshot tool's first load.
 */
export const fillIn = (template: string, values: Record<string, string | number>): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
