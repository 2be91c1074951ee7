/** The Cache Storage bucket where the double's Add-In Manager keeps uploaded add-ins' files. */
export const ADDIN_CACHE = 'triage-bui-double-addins';
