/**
 * Tokenizers: any Hugging Face {@code tokenizer.json} through DJL's binding of HF's Rust library
 * ({@link dev.rlaif.lm.tokenizer.HfTokenizer}), and a byte-level BPE that rlaif4j trains and runs in
 * pure Java ({@link dev.rlaif.lm.tokenizer.ByteLevelBpe}) and saves in HF's format, so the ids it
 * produces are the ids HF's and DJL's tokenizers produce for the same file.
 */
package dev.rlaif.lm.tokenizer;
