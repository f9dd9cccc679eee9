package io.github.edp4j.d4rl;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link Datasets#load(String, DatasetOptions)} reads a dataset: an explicit name, reference returns for the
 * normalized score, a reward function for files without rewards, the CSV column mapping, the Minari root directory
 * and a format to use instead of recognising it. Immutable; {@link #defaults()} recognises everything itself.
 */
public final class DatasetOptions {

    private final String name;
    private final ReferenceReturns reference;
    private final RewardFunction rewardFunction;
    private final CsvColumns csvColumns;
    private final Path minariRoot;
    private final DatasetFormat format;

    private DatasetOptions(Builder b) {
        this.name = b.name;
        this.reference = b.reference;
        this.rewardFunction = b.rewardFunction;
        this.csvColumns = b.csvColumns;
        this.minariRoot = b.minariRoot;
        this.format = b.format;
    }

    /** @return options that recognise the format and take names and scores from the files */
    public static DatasetOptions defaults() {
        return builder().build();
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the dataset name to use instead of the file's, if given */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** @return reference returns that override the format's (or D4RL's), if given */
    public Optional<ReferenceReturns> reference() {
        return Optional.ofNullable(reference);
    }

    /** @return the reward function for files that store no rewards, if given */
    public Optional<RewardFunction> rewardFunction() {
        return Optional.ofNullable(rewardFunction);
    }

    /** @return the CSV column mapping ({@link CsvColumns#defaults()} unless given) */
    public CsvColumns csvColumns() {
        return csvColumns;
    }

    /**
     * @return the Minari root to resolve dataset ids under, if given (else {@code $MINARI_DATASETS_PATH}, else
     *     {@code ~/.minari/datasets})
     */
    public Optional<Path> minariRoot() {
        return Optional.ofNullable(minariRoot);
    }

    /** @return the format to read the input as, if given (else it is recognised) */
    public Optional<DatasetFormat> format() {
        return Optional.ofNullable(format);
    }

    /** Builder of {@link DatasetOptions}; every setting is optional. */
    public static final class Builder {
        private String name;
        private ReferenceReturns reference;
        private RewardFunction rewardFunction;
        private CsvColumns csvColumns = CsvColumns.defaults();
        private Path minariRoot;
        private DatasetFormat format;

        private Builder() {}

        /**
         * @param name the dataset name (selects the D4RL domain and reference scores for a D4RL name)
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder name(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("dataset name must not be blank, got '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * @param min the return that scores 0
         * @param max the return that scores 100
         * @return this builder
         * @throws IllegalArgumentException unless finite with {@code min < max}
         */
        public Builder referenceReturns(double min, double max) {
            this.reference = new ReferenceReturns(min, max, "given");
            return this;
        }

        /**
         * @param function computes rewards for a file without them
         * @return this builder
         */
        public Builder rewardFunction(RewardFunction function) {
            this.rewardFunction = function;
            return this;
        }

        /**
         * @param columns the CSV column mapping
         * @return this builder
         */
        public Builder csvColumns(CsvColumns columns) {
            this.csvColumns = Objects.requireNonNull(columns, "csvColumns");
            return this;
        }

        /**
         * @param root the directory Minari dataset ids are resolved under
         * @return this builder
         */
        public Builder minariRoot(Path root) {
            this.minariRoot = root;
            return this;
        }

        /**
         * @param format the format to read the input as, {@code null} to recognise it
         * @return this builder
         */
        public Builder format(DatasetFormat format) {
            this.format = format;
            return this;
        }

        /** @return the options */
        public DatasetOptions build() {
            return new DatasetOptions(this);
        }
    }
}
