import { Badge, Kbd, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useI18n } from '../../i18n';
import type { Screen, Tile } from './screens';
import classes from './home-tiles.module.css';

interface Props {
  welcome: string;
  tiles: readonly Tile[];
  onOpen(screen: Screen): void;
}

/** Big targets for the mouse, Alt+number for the keyboard. */
export function HomeTiles({ welcome, tiles, onOpen }: Props) {
  const { t } = useI18n();
  // Physical digit keys: on an AZERTY keyboard Alt+1 types `&`, and clerks here use AZERTY.
  useHotkeys(
    tiles.map((tile, index) => [
      `alt+Digit${index + 1}`,
      () => {
        if (tile.screen) onOpen(tile.screen);
      },
      { preventDefault: true, usePhysicalKeys: true },
    ]),
  );

  return (
    <Stack p="md" data-testid="home">
      <Title order={2}>{welcome}</Title>
      <Text size="sm" c="dimmed">
        {t('home.shortcuts')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {tiles.map((tile, index) => (
          <UnstyledButton
            key={tile.testId}
            className={classes.tile}
            disabled={!tile.screen}
            onClick={() => tile.screen && onOpen(tile.screen)}
            data-testid={tile.testId}
          >
            <Stack gap={6} align="flex-start">
              <Kbd dir="ltr">{t('common.shortcut', { n: index + 1 })}</Kbd>
              <Text fw={700} size="lg">
                {t(tile.label)}
              </Text>
              {!tile.screen && <Badge color="gray">{t('tile.comingSoon')}</Badge>}
            </Stack>
          </UnstyledButton>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
