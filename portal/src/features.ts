import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { appraisalFeature } from './appraisal';
import { authFeature } from './auth';
import { consultationFeature } from './consultation';
import { criteriaFeature } from './criteria';
import { resultsFeature } from './results';
import { scoringFeature } from './scoring';
import { shellFeature } from './shell';

/** A menu entry, shown only when the user's CASL rules allow `can`. */
export interface MenuEntry {
  to: string;
  /** i18n key */
  label: string;
  can?: [action: string, subject: string];
}

/** What a portal feature folder contributes; the router, the menu and the messages are assembled from `features`. */
export interface PortalFeature {
  name: string;
  routes: RouteRecordRaw[];
  menu?: MenuEntry[];
  messages: { vi: Record<string, unknown>; en: Record<string, unknown> };
  /** Widgets for the signed-in top bar (e.g. the notification bell). */
  header?: Component[];
}

export const features: PortalFeature[] = [
  shellFeature, authFeature, criteriaFeature, scoringFeature, appraisalFeature, consultationFeature, resultsFeature,
];
