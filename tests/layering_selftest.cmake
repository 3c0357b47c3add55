# Self-test of tests/layering.cmake (ctest `layering_selftest`): writes small source trees into
# WORK, one planted violation each, and requires the check to fail naming that violation; a tree
# that follows the rules must pass. Without it, a table row or a rule that stopped matching
# (a renamed module, a moved ICU file) would let `layering` pass on anything.
# Usage: cmake -DLAYERING=tests/layering.cmake -DWORK=<scratch dir> -P layering_selftest.cmake
cmake_policy(VERSION 3.25)
set(failures "")

# layering_case(NAME EXPECT file content [file content ...]): EXPECT is "ok" or a regular
# expression the check's error output must match. Files are relative to the tree's src/.
function(layering_case name expect)
  set(src ${WORK}/${name}/src)
  file(REMOVE_RECURSE ${WORK}/${name})
  set(pairs ${ARGN})
  list(LENGTH pairs n)
  math(EXPR last "${n} - 1")
  foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET pairs ${i} path)
    list(GET pairs ${j} text)
    file(WRITE ${src}/${path} "${text}\n")
  endforeach()
  execute_process(COMMAND ${CMAKE_COMMAND} -DSRC=${src} -P ${LAYERING}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(expect STREQUAL "ok")
    if(NOT rc EQUAL 0)
      list(APPEND failures "${name}: a tree that follows the rules failed:\n${err}")
    endif()
  elseif(rc EQUAL 0)
    list(APPEND failures "${name}: the violation passed the check")
  else()
    # CMake wraps and indents error messages: compare with all white space as single spaces.
    string(REGEX REPLACE "[ \t\n]+" " " flat "${err}")
    if(NOT flat MATCHES "${expect}")
      list(APPEND failures "${name}: failed, but without `${expect}`:\n${err}")
    endif()
  endif()
  set(failures ${failures} PARENT_SCOPE)
endfunction()

# The screen module's place in the layering: it depends on base only; compile and eval use it;
# ICU is used by src/screen/name_readings.cc and nothing else.
layering_case(follows_the_rules ok
  base/utf8.h "#pragma once"
  screen/name_readings.cc "#include <unicode/uchar.h>\n#include \"screen/name_readings.h\""
  screen/party_name.cc "#include \"base/utf8.h\"\n#include \"screen/name_readings.h\""
  compile/program.h "#include \"screen/party_screen.h\""
  eval/resolver.cc "#include \"compile/program.h\"\n#include \"screen/party_screen.h\"")
layering_case(screen_includes_compile "screen/party_screen.cc: screen must not include compile/"
  screen/party_screen.cc "#include \"compile/program.h\"")
layering_case(screen_includes_eval "screen/party_screen.h: screen must not include eval/"
  screen/party_screen.h "#include \"eval/resolved.h\"")
layering_case(screen_includes_ast "screen/party_index.h: screen must not include ast/"
  screen/party_index.h "#include \"ast/pack.h\"")
layering_case(base_includes_screen "base/country.h: base must not include screen/"
  base/country.h "#include \"screen/party_name.h\"")
layering_case(icu_elsewhere_in_screen "screen/party_name.cc: only src/screen/name_readings.cc may use ICU"
  screen/party_name.cc "#include <unicode/uchar.h>")
layering_case(icu_in_compile "compile/compiler.cc: only src/screen/name_readings.cc may use ICU"
  compile/compiler.cc "#include <unicode/normalizer2.h>")
layering_case(second_csv_reader "lists/list_csv.h: a second CSV reader"
  base/csv_reader.h "#pragma once"
  lists/list_csv.h "#pragma once")
layering_case(unlisted_module "src/newmodule: module missing from the layering table"
  newmodule/x.cc "#include \"base/utf8.h\"")

if(failures)
  list(JOIN failures "\n" msg)
  message(FATAL_ERROR "layering self-test:\n${msg}")
endif()
message(STATUS "layering self-test: ok")
