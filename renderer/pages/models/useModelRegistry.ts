/** The saved models of the workspace, reloaded after anything that adds or removes one. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ModelSummary } from '../../../src/api/models';
import { useApi } from '../../api/ApiProvider';
import { useNotices } from '../../state/notices';

export interface ModelRegistry {
  /** Newest first; null until the first load answers. */
  models: ModelSummary[] | null;
  reload(): Promise<void>;
}

export function useModelRegistry(): ModelRegistry {
  const api = useApi();
  const { reportError } = useNotices();
  const [models, setModels] = useState<ModelSummary[] | null>(null);
  // Answers can overtake each other; only the latest request may set the list.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = ++latest.current;
    try {
      const list = await api.call('models.list', {});
      if (request === latest.current) setModels([...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    } catch (e) {
      if (request === latest.current) {
        setModels((prev) => prev ?? []);
        reportError(e);
      }
    }
  }, [api, reportError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { models, reload };
}
