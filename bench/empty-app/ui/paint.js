// The same mark Assistant Roster sets once its first cards are painted.
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('cards-painted')));
