/** Lower-case words of `text` joined by dashes. */
export declare function slugify(text: string): string;
