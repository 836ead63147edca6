import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NS } from './i18n';

/** `{ params: { path: { id } } }`: the init of a route with one `{id}`. */
export const byId = (id: string) => ({ params: { path: { id } } });

/**
 * Enter in a date picker confirms the date, never the whole form (it created
 * competitions nobody meant to create): put on each form with a DatePicker.
 */
export function keepEnterInPickers(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key === 'Enter' && (e.target as HTMLElement).closest('.ant-picker')) e.preventDefault();
}

export function useConsoleT() {
  return useTranslation(NS);
}

export function useCompetitionId(): string {
  return useParams().cid!;
}

/** 0.1234 → "12.3%". */
export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

export function formatTime(iso: string | null | undefined, timeZone = 'Asia/Shanghai'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
