package org.chronolens.ingest;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Small files share read tasks (issue 26: many small files), in order; large pieces keep a task each. */
class CsvTasksTest {

    private static CsvPieces.Piece file(int i, long bytes) {
        return CsvPieces.Piece.whole(new InputFile("file:/in/f" + i + ".csv", "f" + i + ".csv", InputFile.Format.CSV,
                bytes));
    }

    private static List<CsvPieces.Piece> flatten(List<CsvPieces.Task> tasks) {
        List<CsvPieces.Piece> out = new ArrayList<>();
        tasks.forEach(t -> out.addAll(t.pieces()));
        return out;
    }

    @Test
    void threeThousandSmallFilesShareAFewTasksInOrder() {
        List<CsvPieces.Piece> pieces = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            pieces.add(file(i, 4_000));
        }
        List<CsvPieces.Task> tasks = CsvPieces.tasks(pieces, 2, CsvPieces.PIECE_BYTES);
        assertEquals(pieces, flatten(tasks));
        assertTrue(tasks.size() >= 2 && tasks.size() <= 40, "tasks: " + tasks.size());
        int least = tasks.stream().mapToInt(t -> t.pieces().size()).min().orElseThrow();
        int most = tasks.stream().mapToInt(t -> t.pieces().size()).max().orElseThrow();
        assertTrue(most <= least + 1, least + " to " + most + " files a task");
    }

    /** The benchmark's 1M input: six agency files, two of them split; the pieces stay a task each, the small files pair up. */
    @Test
    void theAgencyFilesOfTheMillionEventInputKeepTheirPiecesApart() {
        InputFile health = new InputFile("file:/in/health.csv", "health.csv", InputFile.Format.CSV, 47_600_000);
        InputFile social = new InputFile("file:/in/social_care.csv", "social_care.csv", InputFile.Format.CSV, 50_400_000);
        List<CsvPieces.Piece> pieces = List.of(file(0, 3_200_000), file(1, 4_200_000),
                new CsvPieces.Piece(health, 0, 23_800_000, 1, false),
                new CsvPieces.Piece(health, 23_800_000, 47_600_000, 200_000, false),
                file(2, 3_100_000), file(3, 1_200_000),
                new CsvPieces.Piece(social, 0, 16_800_000, 1, false),
                new CsvPieces.Piece(social, 16_800_000, 33_600_000, 150_000, false),
                new CsvPieces.Piece(social, 33_600_000, 50_400_000, 300_000, false));
        List<CsvPieces.Task> tasks = CsvPieces.tasks(pieces, 2, CsvPieces.PIECE_BYTES);
        assertEquals(pieces, flatten(tasks));
        assertEquals(List.of(2, 1, 1, 2, 1, 1, 1), tasks.stream().map(t -> t.pieces().size()).toList());
    }

    @Test
    void largePiecesKeepATaskEachAndFewFilesStillUseEveryCore() {
        List<CsvPieces.Piece> pieces = List.of(file(0, 3 << 20), file(1, 30 << 20), file(2, 30 << 20), file(3, 1 << 20));
        List<CsvPieces.Task> tasks = CsvPieces.tasks(pieces, 2, CsvPieces.PIECE_BYTES);
        assertEquals(pieces, flatten(tasks));
        assertTrue(tasks.stream().allMatch(t -> t.pieces().stream().filter(p -> p.file().bytes() > 20 << 20).count() <= 1));
        assertEquals(4, tasks.size(), "a large file is a task of its own, and so are the small ones beside it");
        assertEquals(2, CsvPieces.tasks(List.of(file(0, 100), file(1, 100)), 2, CsvPieces.PIECE_BYTES).size());
        assertEquals(1, CsvPieces.tasks(List.of(file(0, 100)), 2, CsvPieces.PIECE_BYTES).size());
        assertEquals(List.of(), CsvPieces.tasks(List.of(), 2, CsvPieces.PIECE_BYTES));
    }
}
