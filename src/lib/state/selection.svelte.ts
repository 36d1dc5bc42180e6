/** The park whose profile is open, if any. */
export const selection = $state<{ parkId: string | null }>({ parkId: null });
