import { greet } from '@{{scope}}/core';

/** The app's message: it reaches @{{scope}}/core through the workspace link, like any dependency. */
export const message = (who = 'world') => greet(who);

if (import.meta.url === `file://${process.argv[1]}`) console.log(message(process.argv[2]));
