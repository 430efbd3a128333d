import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Locale, LocaleMessages } from './i18n';

/** A menu entry, shown only when the user's CASL rules allow `can`. */
export interface MenuEntry {
  to: string;
  /** i18n key */
  label: string;
  can?: [action: string, subject: string];
  /** Only among the home page's shortcuts, not in the top bar: a page used once a year (the top bar is full). */
  homeOnly?: boolean;
}

/**
 * What a portal feature folder contributes, exported by its front door (`index.ts`). `main.ts` assembles the router,
 * the messages, the menu and the top bar from the list of features; a feature never needs the list itself.
 */
export interface PortalFeature {
  name: string;
  routes: RouteRecordRaw[];
  menu?: MenuEntry[];
  /**
   * The feature's texts. Given at once only by a feature whose pages show before sign-in (the login page's); the others
   * give a loader, which `main.ts` runs before the first signed-in page, so the login page downloads no other texts.
   */
  messages: Record<Locale, LocaleMessages> | (() => Promise<Record<Locale, LocaleMessages>>);
  /** Widgets for the signed-in top bar (e.g. the notification bell). */
  header?: Component[];
}
