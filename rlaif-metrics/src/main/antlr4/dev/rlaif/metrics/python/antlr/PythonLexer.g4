/*
 * Python 3 lexer for rlaif4j. Indentation (INDENT/DEDENT) and implicit line joining inside
 * brackets are added by IndentingTokenSource, which wraps this lexer; here a physical NEWLINE is
 * always emitted. Every input character ends up in some token, so lexing never fails: characters
 * that start no Python token become ERROR_CHAR tokens that the parser's recovery skips.
 */
lexer grammar PythonLexer;

tokens { INDENT, DEDENT }

STRING
    : STRING_PREFIX? ( LONG_SQ | LONG_DQ | SHORT_SQ | SHORT_DQ )
    ;

FLOAT
    : ( DIGITS '.' DIGITS? EXPONENT? | '.' DIGITS EXPONENT? | DIGITS EXPONENT ) [jJ]?
    ;

INTEGER
    : ( '0' [xX] ( '_'? [0-9a-fA-F] )+
      | '0' [oO] ( '_'? [0-7] )+
      | '0' [bB] ( '_'? [01] )+
      | DIGITS
      ) [lLjJ]?
    ;

FALSE : 'False';
NONE : 'None';
TRUE : 'True';
AND : 'and';
AS : 'as';
ASSERT : 'assert';
ASYNC : 'async';
AWAIT : 'await';
BREAK : 'break';
CLASS : 'class';
CONTINUE : 'continue';
DEF : 'def';
DEL : 'del';
ELIF : 'elif';
ELSE : 'else';
EXCEPT : 'except';
FINALLY : 'finally';
FOR : 'for';
FROM : 'from';
GLOBAL : 'global';
IF : 'if';
IMPORT : 'import';
IN : 'in';
IS : 'is';
LAMBDA : 'lambda';
NONLOCAL : 'nonlocal';
NOT : 'not';
OR : 'or';
PASS : 'pass';
RAISE : 'raise';
RETURN : 'return';
TRY : 'try';
WHILE : 'while';
WITH : 'with';
YIELD : 'yield';

NAME
    : ID_START ID_CONTINUE*
    ;

NEWLINE
    : '\r'? '\n' | '\r'
    ;

ELLIPSIS : '...';
DOT : '.';
COMMA : ',';
COLON : ':';
SEMI : ';';
LPAR : '(';
RPAR : ')';
LSQB : '[';
RSQB : ']';
LBRACE : '{';
RBRACE : '}';
WALRUS : ':=';
ARROW : '->';
POWER_ASSIGN : '**=';
FLOORDIV_ASSIGN : '//=';
LSHIFT_ASSIGN : '<<=';
RSHIFT_ASSIGN : '>>=';
ADD_ASSIGN : '+=';
SUB_ASSIGN : '-=';
MUL_ASSIGN : '*=';
AT_ASSIGN : '@=';
DIV_ASSIGN : '/=';
MOD_ASSIGN : '%=';
AND_ASSIGN : '&=';
OR_ASSIGN : '|=';
XOR_ASSIGN : '^=';
POWER : '**';
FLOORDIV : '//';
LSHIFT : '<<';
RSHIFT : '>>';
EQUALS : '==';
NOT_EQUALS : '!=';
LESS_GREATER : '<>';
LESS_EQUAL : '<=';
GREATER_EQUAL : '>=';
LESS : '<';
GREATER : '>';
ASSIGN : '=';
PLUS : '+';
MINUS : '-';
STAR : '*';
SLASH : '/';
PERCENT : '%';
AT : '@';
AMPERSAND : '&';
PIPE : '|';
CARET : '^';
TILDE : '~';

COMMENT
    : '#' ~[\r\n]* -> channel(HIDDEN)
    ;

LINE_CONTINUATION
    : '\\' ( '\r'? '\n' | '\r' ) -> channel(HIDDEN)
    ;

WS
    : [ \t\f]+ -> channel(HIDDEN)
    ;

// A backslash outside a string and not before a line break (typically the two characters
// backslash-n that models write into one-line answers) is one junk token, so the name after it
// still lexes as a name.
STRAY_ESCAPE
    : '\\' ~[\r\n]
    ;

ERROR_CHAR
    : .
    ;

fragment STRING_PREFIX
    : [rRbBuUfF] | [rR] [bBfF] | [bBfF] [rR]
    ;

fragment SHORT_SQ : '\'' ( '\\' . | ~[\\\r\n'] )* '\'';
fragment SHORT_DQ : '"' ( '\\' . | ~[\\\r\n"] )* '"';
fragment LONG_SQ : '\'\'\'' ( '\\' . | . )*? '\'\'\'';
fragment LONG_DQ : '"""' ( '\\' . | . )*? '"""';

fragment DIGITS : [0-9] ( '_'? [0-9] )*;
fragment EXPONENT : [eE] [+-]? DIGITS;

fragment ID_START : [\p{L}\p{Nl}_];
fragment ID_CONTINUE : [\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_];
