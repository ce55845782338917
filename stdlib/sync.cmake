# cmake -DSRC=dir -DDST=dir -DFILES=a,b,c -P sync.cmake: copies SRC/<f> to DST/<f> for every
# listed file (when different) and deletes files under DST/include and DST/src not listed.
string(REPLACE "," ";" files "${FILES}")
foreach(f ${files})
  configure_file(${SRC}/${f} ${DST}/${f} COPYONLY)
endforeach()
file(GLOB_RECURSE present RELATIVE ${DST} ${DST}/include/* ${DST}/src/*)
foreach(f ${present})
  list(FIND files ${f} idx)
  if(idx EQUAL -1)
    file(REMOVE ${DST}/${f})
  endif()
endforeach()
