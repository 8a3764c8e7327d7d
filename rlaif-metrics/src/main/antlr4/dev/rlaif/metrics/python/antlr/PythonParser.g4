/*
 * Python 3 parser for rlaif4j. Rule and alternative names follow tree-sitter-python's node types
 * (in camel case), so that PythonTreeBuilder can map each context to a tree-sitter node type or
 * splice it away; rules whose names start with "h" are hidden helpers that never become nodes.
 */
parser grammar PythonParser;

options { tokenVocab = PythonLexer; }

module
    : ( NEWLINE | statement )* EOF
    ;

statement
    : compoundStatement
    | simpleStatements
    ;

simpleStatements
    : simpleStatement ( ';' simpleStatement )* ';'? NEWLINE
    ;

simpleStatement
    : importStatement
    | importFromStatement
    | assertStatement
    | returnStatement
    | deleteStatement
    | raiseStatement
    | passStatement
    | breakStatement
    | continueStatement
    | globalStatement
    | nonlocalStatement
    | expressionStatement
    ;

importStatement
    : 'import' hImportItem ( ',' hImportItem )*
    ;

hImportItem
    : aliasedImport
    | dottedName
    ;

aliasedImport
    : dottedName 'as' identifier
    ;

importFromStatement
    : 'from' ( relativeImport | dottedName ) 'import'
      ( wildcardImport | '(' hImportItem ( ',' hImportItem )* ','? ')' | hImportItem ( ',' hImportItem )* ','? )
    ;

relativeImport
    : importPrefix dottedName?
    ;

importPrefix
    : ( '.' | '...' )+
    ;

wildcardImport
    : '*'
    ;

dottedName
    : identifier ( '.' identifier )*
    ;

assertStatement
    : 'assert' expression ( ',' expression )*
    ;

returnStatement
    : 'return' expressionList?
    ;

deleteStatement
    : 'del' expressionList
    ;

raiseStatement
    : 'raise' expressionList? ( 'from' expression )?
    ;

passStatement : 'pass';
breakStatement : 'break';
continueStatement : 'continue';

globalStatement
    : 'global' identifier ( ',' identifier )*
    ;

nonlocalStatement
    : 'nonlocal' identifier ( ',' identifier )*
    ;

expressionStatement
    : yieldExpression
    | assignment
    ;

// Left-factored so that an error late in a statement does not void the whole statement: the
// tree builder turns this into tree-sitter's assignment, augmented_assignment, pattern_list and
// expression_list shapes.
assignment
    : patternList ( '=' hRightHandSide | ':' typeNode ( '=' hRightHandSide )? | hAugmentedOperator hRightHandSide )?
    ;

hAugmentedOperator
    : '+=' | '-=' | '*=' | '/=' | '@=' | '//=' | '%=' | '**=' | '>>=' | '<<=' | '&=' | '^=' | '|='
    ;

hRightHandSide
    : yieldExpression
    | assignment
    ;

patternList
    : hStarExpression ( ',' hStarExpression )* ','?
    ;

expressionList
    : hStarExpression ( ',' hStarExpression )* ','?
    ;

hStarExpression
    : listSplat
    | expression
    ;

targetList
    : hTarget ( ',' hTarget )* ','?
    ;

hTarget
    : listSplatPattern
    | primary
    ;

yieldExpression
    : 'yield' ( 'from' expression | expressionList )?
    ;

typeNode
    : expression
    ;

compoundStatement
    : ifStatement
    | forStatement
    | whileStatement
    | tryStatement
    | withStatement
    | functionDefinition
    | classDefinition
    | decoratedDefinition
    | matchStatement
    ;

ifStatement
    : 'if' expression ':' block elifClause* elseClause?
    ;

elifClause
    : 'elif' expression ':' block
    ;

elseClause
    : 'else' ':' block
    ;

forStatement
    : 'async'? 'for' targetList 'in' expressionList ':' block elseClause?
    ;

whileStatement
    : 'while' expression ':' block elseClause?
    ;

tryStatement
    : 'try' ':' block ( exceptClause+ elseClause? finallyClause? | finallyClause )
    ;

exceptClause
    : 'except' '*'? ( asPattern | expression ( ',' expression )? )? ':' block
    ;

asPattern
    : expression 'as' asPatternTarget
    ;

finallyClause
    : 'finally' ':' block
    ;

withStatement
    : 'async'? 'with' withClause ':' block
    ;

withClause
    : '(' hWithItem ( ',' hWithItem )* ','? ')'
    | hWithItem ( ',' hWithItem )*
    ;

hWithItem
    : withItem
    ;

withItem
    : expression ( 'as' asPatternTarget )?
    ;

asPatternTarget
    : expression
    ;

functionDefinition
    : 'async'? 'def' identifier parameters ( '->' typeNode )? ':' block
    ;

parameters
    : '(' hParameterList? ')'
    ;

lambdaParameters
    : hParameterList
    ;

hParameterList
    : hParameter ( ',' hParameter )* ','?
    ;

hParameter
    : identifier ':' typeNode '=' expression           # typedDefaultParameter
    | identifier '=' expression                    # defaultParameter
    | identifier ':' typeNode                          # typedParameter
    | identifier                                   # hPlainParameter
    | hSplatParameter ':' typeNode                     # typedParameter
    | hSplatParameter                              # hSplatOnly
    | '*'                                          # keywordSeparator
    | '/'                                          # positionalSeparator
    ;

hSplatParameter
    : listSplatPattern
    | dictionarySplatPattern
    ;

listSplatPattern
    : '*' primary
    ;

dictionarySplatPattern
    : '**' identifier
    ;

classDefinition
    : 'class' identifier argumentList? ':' block
    ;

decoratedDefinition
    : decorator+ ( classDefinition | functionDefinition )
    ;

decorator
    : '@' expression NEWLINE
    ;

block
    : NEWLINE INDENT statement+ DEDENT
    | simpleStatements
    ;

matchStatement
    : { _input.LT(1).getText().equals("match") }? hSoftKeyword expressionList ':' matchBlock
    ;

matchBlock
    : NEWLINE INDENT caseClause+ DEDENT
    ;

caseClause
    : { _input.LT(1).getText().equals("case") }? hSoftKeyword casePattern ( ',' casePattern )* ','? ifClause? ':' block
    ;

casePattern
    : hStarExpression ( 'as' identifier )?
    ;

hSoftKeyword
    : NAME
    ;

expression
    : primary                                                        # hPrimary
    | 'await' expression                                             # await
    | <assoc = right> expression '**' expression                     # binaryOperator
    | ( '+' | '-' | '~' ) expression                                 # unaryOperator
    | expression ( '*' | '@' | '/' | '%' | '//' ) expression         # binaryOperator
    | expression ( '+' | '-' ) expression                            # binaryOperator
    | expression ( '<<' | '>>' ) expression                          # binaryOperator
    | expression '&' expression                                      # binaryOperator
    | expression '^' expression                                      # binaryOperator
    | expression '|' expression                                      # binaryOperator
    | expression comparisonOperatorToken expression                  # comparisonOperator
    | 'not' expression                                               # notOperator
    | expression 'and' expression                                    # booleanOperator
    | expression 'or' expression                                     # booleanOperator
    | <assoc = right> expression 'if' expression 'else' expression   # conditionalExpression
    | 'lambda' lambdaParameters? ':' expression                      # lambda
    | identifier ':=' expression                                     # namedExpression
    ;

comparisonOperatorToken
    : '<' | '>' | '==' | '>=' | '<=' | '!=' | '<>' | 'in' | 'not' 'in' | 'is' 'not' | 'is'
    ;

primary
    : primary '.' identifier                                         # attribute
    | primary argumentList                                           # call
    | primary '[' hSubscriptItem ( ',' hSubscriptItem )* ','? ']'    # subscript
    | atom                                                           # hAtom
    ;

hSubscriptItem
    : slice
    | listSplat
    ;

slice
    : expression ( ':' expression? ( ':' expression? )? )?
    | ':' expression? ( ':' expression? )?
    ;

atom
    : identifier                                                     # hIdentifier
    | INTEGER                                                        # hInteger
    | FLOAT                                                          # hFloat
    | STRING+                                                        # concatenatedString
    | 'True'                                                         # hTrue
    | 'False'                                                        # hFalse
    | 'None'                                                         # hNone
    | '...'                                                          # hEllipsis
    | '(' ( yieldExpression | hElements )? ')'                       # parenthesizedForm
    | '[' hElements? ']'                                             # bracketForm
    | '{' ( pair ( hComprehensionClauses | ( ',' hDictElement )* ','? ) | dictionarySplat ( ',' hDictElement )* ','? | hElements )? '}' # braceForm
    ;

// One left-factored body for parentheses, brackets and braces; the tree builder names the node
// (tuple, parenthesized_expression, generator_expression, list, set, comprehensions) from it.
hElements
    : hStarExpression ( hComprehensionClauses | ( ',' hStarExpression )* ','? )
    ;

hComprehensionClauses
    : forInClause ( forInClause | ifClause )*
    ;

forInClause
    : 'async'? 'for' targetList 'in' expression ( ',' expression )*
    ;

ifClause
    : 'if' expression
    ;

hDictElement
    : pair
    | dictionarySplat
    ;

pair
    : expression ':' expression
    ;

argumentList
    : '(' ( hArgument ( hComprehensionClauses | ( ',' hArgument )* ','? ) )? ')'
    ;

hArgument
    : keywordArgument
    | listSplat
    | dictionarySplat
    | expression
    ;

keywordArgument
    : identifier '=' expression
    ;

listSplat
    : '*' expression
    ;

dictionarySplat
    : '**' expression
    ;

identifier
    : NAME
    ;
