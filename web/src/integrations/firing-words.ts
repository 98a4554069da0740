/** How many of an integration's alerts fire now, in words (the board's cards and the problem page). */
export const firingWords = (count: number) => (count === 0 ? 'No alert firing' : `${count} alert${count === 1 ? '' : 's'} firing`);
