import { useEffect, useState } from 'react';

/** A booking that left the window: its id and the request it carried, kept until its answer is seen. */
export interface SentOperation {
  operationId: string;
  content: string;
}

/**
 * The form takes over an operation sent before a reload (the `sent` it opened with): its next
 * confirm reuses that id. Only at opening: an operation this form sends itself is its own to follow.
 */
export function useResumedOperation(sent: SentOperation | null, resume: (id: string, content: string) => void): void {
  const [opening] = useState(sent);
  useEffect(() => {
    if (opening) resume(opening.operationId, opening.content);
  }, [opening, resume]);
}
