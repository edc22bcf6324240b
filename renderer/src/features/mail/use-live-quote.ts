import { useEffect, useState } from 'react';
import type { Input, QuoteView } from '@shared/contract';
import { call } from '../../api';

/** The price for the item as it stands (weight on the pan included), refreshed as anything changes. */
export function useLiveQuote(request: Input<'mail.quote'> | null): QuoteView | null {
  const key = request ? JSON.stringify(request) : '';
  const [quote, setQuote] = useState<{ key: string; value: QuoteView } | null>(null);
  useEffect(() => {
    if (key === '') return;
    let current = true;
    call('mail.quote', JSON.parse(key) as Input<'mail.quote'>).then(
      (value) => current && setQuote({ key, value }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [key]);
  return quote && quote.key === key ? quote.value : null;
}
