/**
 * The launcher's words. Apart from the rest of the catalog because the launcher is loaded up front
 * and must stay tiny: it carries both languages of these four strings and nothing else.
 */
export const launcherEn = {
  launcherLabel: 'Report an issue',
  launcherShort: 'Report',
  launcherLoadFailed: 'Could not open the report form. Check the connection and try again.',
  launcherNews: '{count} with news from support',
};

export type LauncherStrings = typeof launcherEn;

export const launcherEs: LauncherStrings = {
  launcherLabel: 'Informar un problema',
  launcherShort: 'Informar',
  launcherLoadFailed: 'No se pudo abrir el formulario. Compruebe la conexión e inténtelo de nuevo.',
  launcherNews: '{count} con novedades de soporte',
};
