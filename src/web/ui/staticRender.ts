import { createContext, useContext } from 'react';

/**
 * True while the server renders a page to plain HTML that no script will take over: controls
 * then have to work as links and forms, and nothing may stay hidden behind a click.
 */
export const StaticRenderContext = createContext(false);

export const useStaticRender = () => useContext(StaticRenderContext);
