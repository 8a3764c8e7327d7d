package dev.rlaif.metrics.python;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tree's shape against tree-sitter-python 0.21: every expected s-expression below was printed
 * by tree-sitter itself (its C library and the published grammar), not by this code.
 */
class PythonSyntaxTest {

    static Stream<Arguments> treeSitterSexps() {
        return Stream.of(
                Arguments.of("foo(x=1)",
                        "(module (expression_statement (call (identifier) (argument_list (keyword_argument (identifier) (integer))))))"),
                Arguments.of("import os.path as p, sys",
                        "(module (import_statement (aliased_import (dotted_name (identifier) (identifier)) (identifier)) (dotted_name (identifier))))"),
                Arguments.of("from ..a.b import (c as d, e)",
                        "(module (import_from_statement (relative_import (import_prefix) (dotted_name (identifier) (identifier))) (aliased_import (dotted_name (identifier)) (identifier)) (dotted_name (identifier))))"),
                Arguments.of("from x import *",
                        "(module (import_from_statement (dotted_name (identifier)) (wildcard_import)))"),
                Arguments.of("x: int = 5\ny += 2\na, b = b, a",
                        "(module (expression_statement (assignment (identifier) (type (identifier)) (integer))) (expression_statement (augmented_assignment (identifier) (integer))) (expression_statement (assignment (pattern_list (identifier) (identifier)) (expression_list (identifier) (identifier)))))"),
                Arguments.of("f(a, *args, k=v, **kw)",
                        "(module (expression_statement (call (identifier) (argument_list (identifier) (list_splat (identifier)) (keyword_argument (identifier) (identifier)) (dictionary_splat (identifier))))))"),
                Arguments.of("obj.attr[1:2, ::3]",
                        "(module (expression_statement (subscript (attribute (identifier) (identifier)) (slice (integer) (integer)) (slice (integer)))))"),
                Arguments.of("s = f'a{b!r:>10}c' 'd' b'x' r'\\d'",
                        "(module (expression_statement (assignment (identifier) (concatenated_string (string (string_start) (string_content) (interpolation (identifier) (type_conversion) (format_specifier)) (string_content) (string_end)) (string (string_start) (string_content) (string_end)) (string (string_start) (string_content) (string_end)) (string (string_start) (string_content) (string_end))))))"),
                Arguments.of("lambda x, y=1: x + y",
                        "(module (expression_statement (lambda (lambda_parameters (identifier) (default_parameter (identifier) (integer))) (binary_operator (identifier) (identifier)))))"),
                Arguments.of("[x for x in y if x] + {k: v for k, v in d.items()} + {a for a in b} + list(x for x in y)",
                        "(module (expression_statement (binary_operator (binary_operator (binary_operator (list_comprehension (identifier) (for_in_clause (identifier) (identifier)) (if_clause (identifier))) (dictionary_comprehension (pair (identifier) (identifier)) (for_in_clause (pattern_list (identifier) (identifier)) (call (attribute (identifier) (identifier)) (argument_list))))) (set_comprehension (identifier) (for_in_clause (identifier) (identifier)))) (call (identifier) (generator_expression (identifier) (for_in_clause (identifier) (identifier)))))))"),
                Arguments.of("@dec(1)\nclass A(B, metaclass=M):\n    def f(self, *, a: int = 1, **kw) -> None:\n        return self.a",
                        "(module (decorated_definition (decorator (call (identifier) (argument_list (integer)))) (class_definition (identifier) (argument_list (identifier) (keyword_argument (identifier) (identifier))) (block (function_definition (identifier) (parameters (identifier) (keyword_separator) (typed_default_parameter (identifier) (type (identifier)) (integer)) (dictionary_splat_pattern (identifier))) (type (none)) (block (return_statement (attribute (identifier) (identifier)))))))))"),
                Arguments.of("async def g():\n    async with a as b, c:\n        await x\n    async for i in y:\n        pass",
                        "(module (function_definition (identifier) (parameters) (block (with_statement (with_clause (with_item (as_pattern (identifier) (as_pattern_target (identifier)))) (with_item (identifier))) (block (expression_statement (await (identifier))))) (for_statement (identifier) (identifier) (block (pass_statement))))))"),
                Arguments.of("try:\n    pass\nexcept (A, B) as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass",
                        "(module (try_statement (block (pass_statement)) (except_clause (as_pattern (tuple (identifier) (identifier)) (as_pattern_target (identifier))) (block (raise_statement (identifier) (identifier)))) (else_clause (block (pass_statement))) (finally_clause (block (pass_statement)))))"),
                Arguments.of("while not a and b or c:\n    if x < y <= z:\n        break\n    elif x is not None:\n        continue\n    else:\n        del x",
                        "(module (while_statement (boolean_operator (boolean_operator (not_operator (identifier)) (identifier)) (identifier)) (block (if_statement (comparison_operator (identifier) (identifier) (identifier)) (block (break_statement)) (elif_clause (comparison_operator (identifier) (none)) (block (continue_statement))) (else_clause (block (delete_statement (identifier))))))))"),
                Arguments.of("match command:\n    case 1:\n        pass\n    case _:\n        pass",
                        "(module (match_statement (identifier) (block (case_clause (case_pattern (integer)) (block (pass_statement))) (case_clause (case_pattern) (block (pass_statement))))))"),
                Arguments.of("x = -a ** 2 if c else ~b // 3\nglobal g\nassert x, 'm'",
                        "(module (expression_statement (assignment (identifier) (conditional_expression (unary_operator (binary_operator (identifier) (integer))) (identifier) (binary_operator (unary_operator (identifier)) (integer))))) (global_statement (identifier)) (assert_statement (identifier) (string (string_start) (string_content) (string_end))))"),
                Arguments.of("with open(f) as fh:\n    data = fh.read()  # comment",
                        "(module (with_statement (with_clause (with_item (as_pattern (call (identifier) (argument_list (identifier))) (as_pattern_target (identifier))))) (block (expression_statement (assignment (identifier) (call (attribute (identifier) (identifier)) (argument_list)))) (comment))))"),
                Arguments.of("y = (1, 2)\nz = (yield)\nw = [*a, *b]\nt = {**d}\nn = (v := 10)",
                        "(module (expression_statement (assignment (identifier) (tuple (integer) (integer)))) (expression_statement (assignment (identifier) (parenthesized_expression (yield)))) (expression_statement (assignment (identifier) (list (list_splat (identifier)) (list_splat (identifier))))) (expression_statement (assignment (identifier) (dictionary (dictionary_splat (identifier))))) (expression_statement (assignment (identifier) (parenthesized_expression (named_expression (identifier) (integer))))))"));
    }

    @ParameterizedTest
    @MethodSource("treeSitterSexps")
    void matchesTreeSitter(String source, String expected) {
        assertEquals(expected, PythonSyntax.parse(source).sexp());
    }

    @Test
    void truncatedCallKeepsItsPiecesInOneErrorNode() {
        // tree-sitter 0.21: (module (ERROR (identifier) (identifier) (identifier)))
        assertEquals("(module (ERROR (identifier) (identifier) (identifier)))", PythonSyntax.parse("foo(a, b").sexp());
        assertEquals("(module (ERROR (attribute (identifier) (identifier)) (string (string_start) (string_content)"
                + " (string_end))))", PythonSyntax.parse("AutoModel.from_pretrained('x'").sexp());
    }

    @Test
    void anonymousTokensAreChildrenWithExactSpans() {
        SyntaxNode call = PythonSyntax.parse("foo(x=1)").child(0).child(0);
        assertEquals("call", call.type());
        SyntaxNode args = call.child(1);
        assertEquals(3, args.childCount());
        assertEquals("(", args.child(0).type());
        assertEquals(false, args.child(0).isNamed());
        SyntaxNode kw = args.child(1);
        assertEquals("keyword_argument", kw.type());
        assertEquals("=", kw.child(1).text());
        assertEquals("1", kw.child(2).text());
        assertEquals(4, kw.start());
        assertEquals(7, kw.end());
    }

    @Test
    void proseWithLiteralBackslashNDoesNotThrowAndCoversInput() {
        String text = "1. Load the model.\\n<<<code>>>: from transformers import pipeline\\nqa = pipeline('qa')";
        SyntaxNode root = PythonSyntax.parse(text);
        assertEquals(0, root.start());
        assertEquals(text.length(), root.end());
        assertTrue(root.childCount() > 0);
    }
}
