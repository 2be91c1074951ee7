/** Every visible string (English). PENDING: the components helper fills this catalog. */
export const en = {
  launcherLabel: 'Report an issue',
};
export type Strings = typeof en;
