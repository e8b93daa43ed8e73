"use client";

import { createContext } from "react";

/**
 * Counts the live changes to the article that reached this page, so that what
 * the reader fetches by itself (an open comment thread) fetches again on each.
 */
export const LiveChanges = createContext(0);
